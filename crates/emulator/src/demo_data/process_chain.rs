//! Process evidence as a tree: each process names its parent by processId and creation time,
//! and the parent's creation time is exactly the one the parent's own item carries, so the
//! console can rebuild the tree the way the portal does.

use super::artifacts::hashes;
use super::clock::{self, HOUR, MINUTE, Precision, TICKS_PER_SEC};
use super::images::{Image, Scene};
use crate::rng::Rng;
use mde_model::{DetectionStatus, EntityType, Evidence, Timestamp};

/// The deepest chain an alert carries.
pub const MAX_DEPTH: usize = 5;

/// What the chain builder needs besides the images.
pub struct ChainSpec<'a> {
    /// Images from the outermost ancestor to the detected process.
    pub images: &'a [Image],
    /// When the detected (leaf) process started, in ticks.
    pub leaf_ticks: i64,
    /// When the evidence was recorded, in ticks.
    pub recorded_ticks: i64,
    /// Detection status of the leaf.
    pub status: Option<DetectionStatus>,
}

/// Draws a depth for a chain of `available` images: 1–5, mostly 2–4.
pub fn pick_depth(rng: &mut Rng, available: usize) -> usize {
    let depth = 1 + rng.weighted(&[10, 30, 30, 20, 10]);
    depth.min(available).clamp(1, MAX_DEPTH)
}

/// A fresh Windows-style process id (a multiple of 4) not in `used`.
fn fresh_pid(rng: &mut Rng, used: &mut Vec<i64>) -> i64 {
    loop {
        let pid = rng.range(100, 16_000) as i64 * 4;
        if !used.contains(&pid) {
            used.push(pid);
            return pid;
        }
    }
}

/// Builds the process items of a chain `depth` deep ending in the spec's last image; an extra
/// sibling (discovery command) is sometimes spawned by the leaf's parent shell.
pub fn build(rng: &mut Rng, scene: &Scene, spec: &ChainSpec<'_>, depth: usize) -> Vec<Evidence> {
    let depth = depth.clamp(1, spec.images.len().clamp(1, MAX_DEPTH));
    if spec.images.is_empty() {
        return Vec::new();
    }
    let start = spec.images.len() - depth;
    let chain = &spec.images[start..];
    let outer = start
        .checked_sub(1)
        .map_or_else(|| chain[0].natural_parent(), |i| spec.images[i]);

    // Creation times from the leaf backwards: children start seconds to minutes after parents.
    let mut times = vec![0i64; depth];
    times[depth - 1] = spec.leaf_ticks;
    for i in (0..depth - 1).rev() {
        let gap = rng.range(TICKS_PER_SEC as u64 / 5, 8 * MINUTE as u64) as i64;
        times[i] = times[i + 1] - gap;
    }
    let outer_time = times[0] - rng.range(HOUR as u64 / 2, 30 * HOUR as u64) as i64;

    let mut used = Vec::with_capacity(depth + 2);
    let mut parent = Parent {
        pid: fresh_pid(rng, &mut used),
        created: clock::with_precision(rng, outer_time, Precision::Ticks),
        name: outer.file_name(scene),
        folder: outer.folder(scene),
    };
    let mut out = Vec::with_capacity(depth + 1);
    let mut leaf_parent: Option<Parent> = None;
    for (i, image) in chain.iter().enumerate() {
        let is_leaf = i == depth - 1;
        let me = Parent {
            pid: fresh_pid(rng, &mut used),
            created: clock::with_precision(rng, times[i], Precision::Ticks),
            name: image.file_name(scene),
            folder: image.folder(scene),
        };
        let status = if is_leaf {
            spec.status.clone()
        } else if rng.chance(0.3) {
            Some(DetectionStatus::Detected)
        } else {
            None
        };
        out.push(process(rng, scene, *image, &me, &parent, spec, status));
        if is_leaf {
            leaf_parent = Some(parent);
            break;
        }
        parent = me;
    }
    // A shell that ran the payload often also ran a quick discovery command.
    if let Some(p) = leaf_parent
        && depth >= 2
        && matches!(chain[depth - 2], Image::Cmd | Image::PowerShell(_))
        && rng.chance(0.25)
    {
        let sibling = *rng.pick(&[Image::Whoami, Image::Net, Image::Nltest]);
        // Between its parent and the leaf, so no process post-dates the alert's first event.
        let parent_time = times[depth - 2];
        let when = parent_time + 1 + rng.below((spec.leaf_ticks - parent_time - 1) as u64) as i64;
        let me = Parent {
            pid: fresh_pid(rng, &mut used),
            created: clock::with_precision(rng, when, Precision::Ticks),
            name: sibling.file_name(scene),
            folder: sibling.folder(scene),
        };
        out.push(process(rng, scene, sibling, &me, &p, spec, None));
    }
    out
}

/// What a child needs to know about its parent.
#[derive(Debug, Clone)]
struct Parent {
    pid: i64,
    created: Timestamp,
    name: String,
    folder: String,
}

fn process(
    rng: &mut Rng,
    scene: &Scene,
    image: Image,
    me: &Parent,
    parent: &Parent,
    spec: &ChainSpec<'_>,
    status: Option<DetectionStatus>,
) -> Evidence {
    let (sha1, sha256) = hashes(&me.name);
    let mut e = Evidence::empty(EntityType::Process);
    e.evidence_creation_time = Some(clock::with_precision(
        rng,
        spec.recorded_ticks,
        Precision::Stored,
    ));
    e.sha1 = Some(sha1);
    e.sha256 = Some(sha256);
    e.file_name = Some(me.name.clone());
    e.file_path = Some(me.folder.clone());
    e.process_id = Some(me.pid);
    e.process_command_line = Some(image.command_line(rng, scene));
    e.process_creation_time = Some(me.created);
    e.parent_process_id = Some(parent.pid);
    e.parent_process_creation_time = Some(parent.created);
    e.parent_process_file_name = Some(parent.name.clone());
    e.parent_process_file_path = Some(parent.folder.clone());
    e.detection_status = status;
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_data::payloads::Script;

    fn scene() -> Scene {
        Scene {
            user: "jsmith".into(),
            peer: "srv-file-01".into(),
            c2_host: "cdn-update.example.net".into(),
            c2_ip: "185.220.101.47".into(),
            payload_dll: "mscorsvc.dll".into(),
            payload_exe: "svcupdate.exe".into(),
            lure: "Invoice_4821.docm".into(),
        }
    }

    #[test]
    fn chain_links_by_pid_and_creation_time() {
        let images = [
            Image::Outlook,
            Image::Winword,
            Image::Cmd,
            Image::PowerShell(Script::Cradle),
            Image::Rundll32Loader,
        ];
        let spec = ChainSpec {
            images: &images,
            leaf_ticks: 17_000_000_000_000_000,
            recorded_ticks: 17_000_000_100_000_000,
            status: Some(DetectionStatus::Blocked),
        };
        for seed in 0..50 {
            let mut rng = Rng::new(seed);
            let depth = pick_depth(&mut rng, images.len());
            let items = build(&mut rng, &scene(), &spec, depth);
            assert!(items.len() == depth || items.len() == depth + 1);
            let leaf = &items[depth - 1];
            assert_eq!(leaf.file_name.as_deref(), Some("rundll32.exe"));
            assert_eq!(leaf.detection_status, Some(DetectionStatus::Blocked));
            for (i, p) in items.iter().enumerate().take(depth).skip(1) {
                let parent = &items[i - 1];
                assert_eq!(p.parent_process_id, parent.process_id);
                assert_eq!(p.parent_process_creation_time, parent.process_creation_time);
                assert_eq!(p.parent_process_file_name, parent.file_name);
                assert!(p.process_creation_time > parent.process_creation_time);
            }
            let root = &items[0];
            assert!(items.iter().all(|p| p.process_id != root.parent_process_id));
            if depth < images.len() {
                let outer = images[images.len() - depth - 1];
                assert_eq!(
                    root.parent_process_file_name,
                    Some(outer.file_name(&scene()))
                );
            }
        }
    }

    #[test]
    fn depth_is_one_to_five() {
        let mut rng = Rng::new(4);
        let mut seen = [false; 6];
        for _ in 0..500 {
            let d = pick_depth(&mut rng, 9);
            assert!((1..=MAX_DEPTH).contains(&d));
            seen[d] = true;
        }
        assert!(seen[1..].iter().all(|s| *s));
        assert_eq!(pick_depth(&mut rng, 1), 1);
    }
}
