//! Device tags through the sync task against the emulator: one call each way, the answer's
//! machine (its tags as the service has them now) sent back and cached, a refused tag never sent,
//! and every attempt in the audit log.

use super::device_sync::{client, emulator, next, quick, subject};
use mde_model::device::TagRequest;
use mde_model::protocol::{Effect, Msg};
use mde_store::Store;
use mde_sync::spawn;

fn tag(mid: &str, name: &str, alert: &str, tag: &str, add: bool) -> TagRequest {
    TagRequest {
        machine_id: mid.into(),
        device_name: Some(name.into()),
        tag: tag.into(),
        add,
        alert_id: Some(alert.into()),
    }
}

#[tokio::test]
async fn a_tag_is_added_and_removed_with_the_answers_machine_cached_and_audited() {
    let emu = emulator().await;
    let (alert, mid, name) = subject(&emu).await;
    let store = Store::open_in_memory().unwrap();
    let (tx, mut rx, task) = spawn(client(&emu), store.clone(), quick());
    let tagged = |want: u64| move |m: &Msg| matches!(m, Msg::DeviceTagged { req, .. } | Msg::DeviceTagFailed { req, .. } if *req == want);

    tx.send(Effect::TagDevice {
        req: 1,
        request: tag(&mid, &name, &alert, "Contained by SOC", true),
    })
    .await
    .unwrap();
    let Msg::DeviceTagged { machine, .. } = next(&mut rx, tagged(1)).await else {
        panic!("the tag was refused")
    };
    assert_eq!(machine.id, mid);
    assert!(machine.machine_tags.iter().any(|t| t == "Contained by SOC"));
    // The cache holds the machine as answered: the next load shows the tag at once.
    let cached = store.cached_machine(&mid).unwrap().unwrap();
    assert!(
        cached
            .machine
            .machine_tags
            .iter()
            .any(|t| t == "Contained by SOC")
    );
    // On the service too.
    let served = client(&emu).machine(&mid).await.unwrap().machine;
    assert!(served.machine_tags.iter().any(|t| t == "Contained by SOC"));

    tx.send(Effect::TagDevice {
        req: 2,
        request: tag(&mid, &name, &alert, "Contained by SOC", false),
    })
    .await
    .unwrap();
    let Msg::DeviceTagged { machine, .. } = next(&mut rx, tagged(2)).await else {
        panic!("the removal was refused")
    };
    assert!(!machine.machine_tags.iter().any(|t| t == "Contained by SOC"));

    // A blank tag is refused before any call.
    tx.send(Effect::TagDevice {
        req: 3,
        request: tag(&mid, &name, &alert, "  ", true),
    })
    .await
    .unwrap();
    let Msg::DeviceTagFailed { error, .. } = next(&mut rx, tagged(3)).await else {
        panic!("a blank tag was sent")
    };
    assert!(error.contains("empty"), "{error}");

    let steps: Vec<(String, String)> = store
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.detail.to_string()))
        .collect();
    let tags: Vec<&(String, String)> = steps.iter().filter(|(a, _)| a == "device-tag").collect();
    assert_eq!(tags.len(), 2, "{steps:?}");
    assert!(
        tags[0].1.contains("\"Add\"") && tags[1].1.contains("\"Remove\""),
        "{tags:?}"
    );
    tx.send(Effect::Quit).await.unwrap();
    task.await.unwrap();
}
