//! The sync task: owns client and store, turns `Effect`s into `Msg`s, polls within the rate limit.
