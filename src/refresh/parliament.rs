//! After a refresh, with a DIP key: the Drucksachen that recent and starred articles name are
//! looked up (their title, type and processes), and their processes (stage and steps); known
//! processes are asked again at most once per interval, and only those DIP says changed since
//! (`f.aktualisiert.start`) are read again. One request at a time; a refused key or a request
//! to wait stops the lookups for this refresh and is said once.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use url::Url;

use crate::dip::DipClient;
use crate::model::reference::{DipError, DipSummary};
use crate::store::{Store, StoreError};

/// Drucksachen looked up at most per refresh.
pub const DOCUMENTS_PER_REFRESH: usize = 100;

/// What the lookups need.
#[derive(Debug, Clone)]
pub struct DipSettings {
    pub base: Url,
    pub key: String,
    pub user_agent: String,
    pub timeout: Duration,
    /// How long what DIP said stands before it is asked again.
    pub recheck: Duration,
}

impl DipSettings {
    /// From the config, when it has a key.
    pub fn from_config(config: &crate::config::Config) -> Option<Self> {
        let key = config.dip_api_key.clone()?;
        let recheck = match config.refresh_interval_minutes {
            0 => Duration::from_secs(6 * 3600),
            minutes => Duration::from_secs(minutes * 60),
        };
        Some(Self {
            base: config.dip_api_url.clone(),
            key,
            user_agent: config.user_agent.clone(),
            timeout: config.timeout,
            recheck,
        })
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(StoreError::Worker(e.to_string())))
}

/// Whether a failure stops the lookups for this refresh (the key, a request to wait), or
/// only this one document.
fn stops(error: &DipError) -> bool {
    matches!(error, DipError::KeyRefused { .. } | DipError::Wait { .. })
}

/// The lookups after a refresh.
pub async fn look_up(data_dir: PathBuf, settings: DipSettings) -> Result<DipSummary, StoreError> {
    let mut summary = DipSummary::default();
    let client = match DipClient::new(
        settings.base.clone(),
        &settings.key,
        &settings.user_agent,
        settings.timeout,
    ) {
        Ok(client) => client,
        Err(error) => {
            summary.stopped = Some(error);
            return Ok(summary);
        }
    };
    let recheck = settings.recheck.as_secs() as i64;
    let now = Utc::now();
    let (store, due) = blocking(move || {
        let store = Store::open(&data_dir)?;
        let due = store.dip_documents_due(now, recheck, DOCUMENTS_PER_REFRESH)?;
        Ok((store, due))
    })
    .await?;
    let mut store = store;
    for reference in due {
        match client.document(&reference).await {
            Ok(info) => {
                summary.documents += 1;
                let (mut moved, info) = (store, info);
                store = blocking(move || {
                    moved.store_dip_document(&reference, info.as_ref(), now)?;
                    Ok(moved)
                })
                .await?;
            }
            Err(error) if stops(&error) => {
                summary.stopped = Some(error);
                break;
            }
            Err(error) => tracing::info!(%error, "DIP lookup failed"),
        }
    }
    if summary.stopped.is_none() {
        let (moved, (new, known)) = {
            let moved = store;
            blocking(move || {
                let due = moved.dip_processes_due(now, recheck)?;
                Ok((moved, due))
            })
            .await?
        };
        store = moved;
        let since = known
            .iter()
            .map(|(_, at)| *at)
            .min()
            .and_then(|t| Utc.timestamp_opt(t, 0).single())
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string());
        let known_ids: Vec<String> = known.into_iter().map(|(id, _)| id).collect();
        let mut found = Vec::new();
        for (ids, since) in [(new, None), (known_ids.clone(), since)] {
            for chunk in ids.chunks(50) {
                match client.processes(chunk, since.as_deref()).await {
                    Ok(processes) => found.extend(processes),
                    Err(error) if stops(&error) => {
                        summary.stopped = Some(error);
                        break;
                    }
                    Err(error) => tracing::info!(%error, "DIP lookup failed"),
                }
            }
            if summary.stopped.is_some() {
                break;
            }
        }
        let stopped = summary.stopped.is_some();
        let (processes, changes) = blocking(move || {
            let mut store = store;
            let mut changes = 0;
            for process in &found {
                changes += usize::from(store.store_dip_process(process, now)?);
            }
            // Asked again and not among those DIP says changed: as they were.
            if !stopped {
                let unchanged: Vec<String> = known_ids
                    .into_iter()
                    .filter(|id| !found.iter().any(|p| &p.id == id))
                    .collect();
                store.touch_dip_processes(&unchanged, now)?;
            }
            Ok((found.len(), changes))
        })
        .await?;
        summary.processes = processes;
        summary.stage_changes = changes;
    }
    summary.requests = client.requests.load(std::sync::atomic::Ordering::Relaxed);
    Ok(summary)
}
