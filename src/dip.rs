//! The Bundestag's documentation system (DIP) API: what a Drucksache is and which process it
//! belongs to, the process's stage and steps. Opt-in: only with a key (`dip_api_key`).
//! Polite: one request at a time, `Retry-After` honoured by stopping for this refresh; a
//! refused key is one clear failure, never a failed fetch.
//!
//! API (`https://search.dip.bundestag.de/api/v1`, documented in bundesAPI/dip-bundestag-api):
//! `drucksache?f.dokumentnummer=21/1234`, `vorgang?f.id=…&f.aktualisiert.start=…`,
//! `vorgangsposition?f.vorgang=…`, lists paged by `cursor` until it stops changing; the key
//! in the header `Authorization: ApiKey …`.

use std::time::Duration;

use serde_json::Value;
use url::Url;

pub use crate::model::reference::DipError;
use crate::model::reference::{DocumentInfo, Process, RefKind, Reference, Step};

/// Pages of a list read at most (100 documents each): a process's steps fit in one or two.
const MAX_PAGES: usize = 20;

/// A DIP client for one refresh.
#[derive(Clone)]
pub struct DipClient {
    http: reqwest::Client,
    base: Url,
    key: String,
    /// Requests made, for the note a refresh writes and the tests.
    pub requests: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl DipClient {
    pub fn new(
        base: Url,
        key: &str,
        user_agent: &str,
        timeout: Duration,
    ) -> Result<Self, DipError> {
        let http = reqwest::Client::builder()
            .user_agent(user_agent)
            .timeout(timeout)
            .build()
            .map_err(|e| DipError::Unreachable {
                detail: e.to_string(),
            })?;
        Ok(Self {
            http,
            base,
            key: key.to_owned(),
            requests: Default::default(),
        })
    }

    fn url(&self, path: &str, query: &[(&str, String)]) -> Url {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map(|mut s| {
                s.pop_if_empty().extend(path.split('/'));
            })
            .ok();
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        url
    }

    /// One request, one at a time (the caller awaits each).
    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, DipError> {
        self.requests
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let response = self
            .http
            .get(self.url(path, query))
            .header("Authorization", format!("ApiKey {}", self.key))
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|e| DipError::Unreachable {
                detail: e.to_string(),
            })?;
        let status = response.status().as_u16();
        match status {
            200 => {}
            401 | 403 => return Err(DipError::KeyRefused { status }),
            429 | 503 => {
                let secs = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse().ok());
                return Err(DipError::Wait { secs });
            }
            _ => return Err(DipError::Http { status }),
        }
        let bytes = response.bytes().await.map_err(|e| DipError::Unreachable {
            detail: e.to_string(),
        })?;
        serde_json::from_slice(&bytes).map_err(|e| DipError::Malformed {
            detail: e.to_string(),
        })
    }

    /// A list, every page: repeated with the last `cursor` until every document it counts
    /// (`numFound`) is read, or the cursor stops changing.
    async fn list(&self, path: &str, query: Vec<(&str, String)>) -> Result<Vec<Value>, DipError> {
        let mut documents = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut q = query.clone();
            if let Some(c) = &cursor {
                q.push(("cursor", c.clone()));
            }
            let page = self.get(path, &q).await?;
            let found = page["documents"].as_array().cloned().unwrap_or_default();
            let empty = found.is_empty();
            documents.extend(found);
            let all_read = page["numFound"]
                .as_u64()
                .is_some_and(|n| documents.len() as u64 >= n);
            let next = page["cursor"].as_str().map(str::to_owned);
            if empty || all_read || next.is_none() || next == cursor {
                break;
            }
            cursor = next;
        }
        Ok(documents)
    }

    /// What DIP says of a Drucksache (`None`: DIP does not know it).
    pub async fn document(&self, reference: &Reference) -> Result<Option<DocumentInfo>, DipError> {
        let herausgeber = match reference.kind {
            RefKind::BtDrucksache => "BT",
            RefKind::BrDrucksache => "BR",
            _ => return Ok(None),
        };
        let found = self
            .list(
                "drucksache",
                vec![("f.dokumentnummer", reference.number.clone())],
            )
            .await?;
        Ok(found
            .iter()
            .find(|d| d["herausgeber"].as_str() == Some(herausgeber))
            .map(|d| document_info(reference, d)))
    }

    /// The processes with these ids (changed since `updated_since`, "2026-11-01T00:00:00",
    /// when given: the others are as they were), each with its steps.
    pub async fn processes(
        &self,
        ids: &[String],
        updated_since: Option<&str>,
    ) -> Result<Vec<Process>, DipError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut query: Vec<(&str, String)> = ids.iter().map(|id| ("f.id", id.clone())).collect();
        if let Some(since) = updated_since {
            query.push(("f.aktualisiert.start", since.to_owned()));
        }
        let mut out = Vec::new();
        for vorgang in self.list("vorgang", query).await? {
            let Some(mut process) = process(&vorgang) else {
                continue;
            };
            let steps = self
                .list("vorgangsposition", vec![("f.vorgang", process.id.clone())])
                .await?;
            process.steps = steps_of(&steps);
            out.push(process);
        }
        Ok(out)
    }
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(crate::text::clean_inline(s)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A DIP `drucksache` document as what amtsfeed keeps of it.
pub fn document_info(reference: &Reference, d: &Value) -> DocumentInfo {
    let ressort = d["ressort"]
        .as_array()
        .and_then(|list| {
            list.iter()
                .find(|r| r["federfuehrend"].as_bool() == Some(true))
                .or_else(|| list.first())
        })
        .and_then(|r| text(&r["titel"]));
    DocumentInfo {
        reference: reference.clone(),
        title: text(&d["titel"]).unwrap_or_default(),
        doc_type: text(&d["drucksachetyp"]),
        date: text(&d["datum"]),
        ressort,
        processes: d["vorgangsbezug"]
            .as_array()
            .map(|list| list.iter().filter_map(|v| text(&v["id"])).collect())
            .unwrap_or_default(),
    }
}

/// A DIP `vorgang` document (without its steps).
pub fn process(v: &Value) -> Option<Process> {
    Some(Process {
        id: text(&v["id"])?,
        title: text(&v["titel"]).unwrap_or_default(),
        kind: text(&v["vorgangstyp"]),
        stage: text(&v["beratungsstand"]),
        initiative: v["initiative"]
            .as_array()
            .map(|list| list.iter().filter_map(text).collect())
            .unwrap_or_default(),
        steps: Vec::new(),
    })
}

/// DIP `vorgangsposition` documents as steps, oldest first.
pub fn steps_of(positions: &[Value]) -> Vec<Step> {
    let mut steps: Vec<Step> = positions
        .iter()
        .filter_map(|p| {
            Some(Step {
                name: text(&p["vorgangsposition"])?,
                date: text(&p["datum"]).unwrap_or_default(),
                chamber: text(&p["zuordnung"]),
                document: text(&p["fundstelle"]["dokumentnummer"]),
            })
        })
        .collect();
    steps.sort_by(|a, b| a.date.cmp(&b.date));
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dip_documents_become_what_amtsfeed_keeps() {
        let reference = Reference {
            kind: RefKind::BtDrucksache,
            number: "21/1234".into(),
        };
        let d = serde_json::json!({
            "id": "290001", "dokumentnummer": "21/1234", "herausgeber": "BT",
            "drucksachetyp": "Gesetzentwurf", "datum": "2026-10-02",
            "titel": "Entwurf eines Gesetzes zur Stärkung der Strafjustiz",
            "ressort": [{"titel": "Bundesministerium der Justiz und für Verbraucherschutz", "federfuehrend": true}],
            "vorgangsbezug": [{"id": "312345", "titel": "…", "vorgangstyp": "Gesetzgebung"}]
        });
        let info = document_info(&reference, &d);
        assert_eq!(info.doc_type.as_deref(), Some("Gesetzentwurf"));
        assert_eq!(info.processes, ["312345"]);
        assert_eq!(
            info.ressort.as_deref(),
            Some("Bundesministerium der Justiz und für Verbraucherschutz")
        );
        let v = serde_json::json!({"id": 312345, "titel": "Gesetz zur Stärkung der Strafjustiz",
            "vorgangstyp": "Gesetzgebung", "beratungsstand": "Beschlussempfehlung liegt vor",
            "initiative": ["Bundesregierung"]});
        let p = process(&v).expect("a process");
        assert_eq!(p.id, "312345");
        assert_eq!(p.stage.as_deref(), Some("Beschlussempfehlung liegt vor"));
        let steps = steps_of(&[
            serde_json::json!({"vorgangsposition": "1. Beratung", "datum": "2026-10-16", "zuordnung": "BT",
                "fundstelle": {"dokumentnummer": "21/45"}}),
            serde_json::json!({"vorgangsposition": "Gesetzentwurf", "datum": "2026-10-02", "zuordnung": "BT",
                "fundstelle": {"dokumentnummer": "21/1234"}}),
            serde_json::json!({"datum": "2026-10-20"}),
        ]);
        assert_eq!(
            steps.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            ["Gesetzentwurf", "1. Beratung"]
        );
        // A control character from DIP does not reach the terminal.
        let hostile = serde_json::json!({"id": "1", "titel": "Titel\u{1b}[2J"});
        assert_eq!(process(&hostile).expect("p").title, "Titel");
    }
}
