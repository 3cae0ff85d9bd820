//! What DIP said of the documents and processes articles name (migration 13), and which to
//! ask about next: the Drucksachen of recent or starred articles not asked about yet, and
//! known processes once per refresh interval.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::{Store, StoreError};
use crate::model::reference::{DocumentInfo, Process, RefKind, Reference, Step};
use crate::model::ArticleId;

/// The processes due for a lookup: those never asked about, and those known with when they
/// were last asked.
pub type ProcessesDue = (Vec<String>, Vec<(String, i64)>);

/// Articles this recent (or starred) have their Drucksachen looked up.
const RECENT_SECS: i64 = 8 * 7 * 86_400;

impl Store {
    /// Drucksachen named by recent or starred articles that DIP was not asked about, or not
    /// since `recheck_secs`; the newest articles' first, at most `limit`.
    pub fn dip_documents_due(
        &self,
        now: DateTime<Utc>,
        recheck_secs: i64,
        limit: usize,
    ) -> Result<Vec<Reference>, StoreError> {
        let rows: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT r.kind, r.number FROM article_refs r JOIN articles a ON a.id = r.article_id
                 LEFT JOIN dip_documents d ON d.kind = r.kind AND d.number = r.number
                 WHERE r.kind IN ('bt_drucksache', 'br_drucksache')
                   AND (a.published >= ?1 OR a.starred = 1)
                   AND (d.checked_at IS NULL OR d.checked_at <= ?2)
                 GROUP BY r.kind, r.number ORDER BY MAX(a.published) DESC LIMIT ?3",
            )?
            .query_map(
                params![
                    now.timestamp() - RECENT_SECS,
                    now.timestamp() - recheck_secs,
                    limit as i64
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .collect::<Result<_, _>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(kind, number)| {
                RefKind::from_code(&kind).map(|kind| Reference { kind, number })
            })
            .collect())
    }

    /// What DIP said of a Drucksache; `None`: it does not know it (asked again later).
    pub fn store_dip_document(
        &mut self,
        reference: &Reference,
        info: Option<&DocumentInfo>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO dip_documents (kind, number, title, doc_type, date, ressort, processes, checked_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(kind, number) DO UPDATE SET title = excluded.title, doc_type = excluded.doc_type,
             date = excluded.date, ressort = excluded.ressort, processes = excluded.processes,
             checked_at = excluded.checked_at",
            params![
                reference.kind.code(),
                reference.number,
                info.map_or("", |i| i.title.as_str()),
                info.and_then(|i| i.doc_type.as_deref()),
                info.and_then(|i| i.date.as_deref()),
                info.and_then(|i| i.ressort.as_deref()),
                info.map_or(String::new(), |i| i.processes.join(",")),
                now.timestamp()
            ],
        )?;
        Ok(())
    }

    /// The processes articles refer to (through their Drucksachen, or directly): those DIP was
    /// never asked about, and those asked about before `now - recheck_secs` with when.
    pub fn dip_processes_due(
        &self,
        now: DateTime<Utc>,
        recheck_secs: i64,
    ) -> Result<ProcessesDue, StoreError> {
        let mut wanted: Vec<String> = Vec::new();
        let lists: Vec<String> = self
            .conn
            .prepare_cached("SELECT processes FROM dip_documents WHERE processes <> ''")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for list in lists {
            wanted.extend(list.split(',').map(str::to_owned));
        }
        let direct: Vec<String> = self
            .conn
            .prepare_cached("SELECT DISTINCT number FROM article_refs WHERE kind = 'vorgang'")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        wanted.extend(direct);
        wanted.sort();
        wanted.dedup();
        let (mut new, mut known) = (Vec::new(), Vec::new());
        for id in wanted {
            let checked: Option<i64> = self
                .conn
                .prepare_cached("SELECT checked_at FROM dip_processes WHERE id = ?1")?
                .query_row([&id], |r| r.get(0))
                .optional()?;
            match checked {
                None => new.push(id),
                Some(at) if at <= now.timestamp() - recheck_secs => known.push((id, at)),
                Some(_) => {}
            }
        }
        Ok((new, known))
    }

    /// A process as DIP gave it; whether its stage changed (an alert for its articles).
    pub fn store_dip_process(
        &mut self,
        process: &Process,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let before: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT stage FROM dip_processes WHERE id = ?1",
                [&process.id],
                |r| r.get(0),
            )
            .optional()?;
        let changed = matches!(&before, Some(stage) if *stage != process.stage);
        self.conn.execute(
            "INSERT INTO dip_processes (id, title, kind, stage, initiative, steps, checked_at, stage_changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)
             ON CONFLICT(id) DO UPDATE SET title = excluded.title, kind = excluded.kind,
             stage = excluded.stage, initiative = excluded.initiative, steps = excluded.steps,
             checked_at = excluded.checked_at,
             stage_changed_at = CASE WHEN ?8 THEN excluded.checked_at ELSE stage_changed_at END",
            params![
                process.id,
                process.title,
                process.kind,
                process.stage,
                process.initiative.join("\n"),
                serde_json::to_string(&process.steps).unwrap_or_else(|_| "[]".into()),
                now.timestamp(),
                changed
            ],
        )?;
        Ok(changed)
    }

    /// Processes asked about again that DIP says did not change: checked now.
    pub fn touch_dip_processes(
        &mut self,
        ids: &[String],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        for id in ids {
            self.conn.execute(
                "UPDATE dip_processes SET checked_at = ?2 WHERE id = ?1",
                params![id, now.timestamp()],
            )?;
        }
        Ok(())
    }

    /// The processes article `id` belongs to, as DIP described them when last asked.
    pub fn processes_of(&self, id: ArticleId) -> Result<Vec<Process>, StoreError> {
        let refs = super::references::of(&self.conn, id.0)?;
        let mut ids: Vec<String> = Vec::new();
        for r in &refs {
            match r.kind {
                RefKind::Vorgang => ids.push(r.number.clone()),
                RefKind::BtDrucksache | RefKind::BrDrucksache => {
                    let list: Option<String> = self
                        .conn
                        .prepare_cached(
                            "SELECT processes FROM dip_documents WHERE kind = ?1 AND number = ?2",
                        )?
                        .query_row(params![r.kind.code(), r.number], |row| row.get(0))
                        .optional()?;
                    ids.extend(
                        list.unwrap_or_default()
                            .split(',')
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned),
                    );
                }
                RefKind::Plenarprotokoll => {}
            }
        }
        ids.sort();
        ids.dedup();
        let mut out = Vec::new();
        for pid in ids {
            let process = self
                .conn
                .prepare_cached(
                    "SELECT id, title, kind, stage, initiative, steps FROM dip_processes WHERE id = ?1",
                )?
                .query_row([&pid], |r| {
                    let initiative: String = r.get(4)?;
                    let steps: String = r.get(5)?;
                    Ok(Process {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        kind: r.get(2)?,
                        stage: r.get(3)?,
                        initiative: initiative
                            .split('\n')
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect(),
                        steps: serde_json::from_str::<Vec<Step>>(&steps).unwrap_or_default(),
                    })
                })
                .optional()?;
            out.extend(process);
        }
        Ok(out)
    }

    /// The processes that articles published since `since` (or starred) refer to, with how
    /// many of those articles and the newest one's time; newest activity (last step) first.
    pub fn recent_processes(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<(Process, usize, i64)>, StoreError> {
        let articles: Vec<(i64, i64)> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT a.id, a.published FROM article_refs r JOIN articles a ON a.id = r.article_id
                 WHERE a.published >= ?1 OR a.starred = 1",
            )?
            .query_map([since.timestamp()], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut found: Vec<(Process, usize, i64)> = Vec::new();
        for (id, published) in articles {
            for process in self.processes_of(ArticleId(id))? {
                match found.iter_mut().find(|(p, _, _)| p.id == process.id) {
                    Some(entry) => {
                        entry.1 += 1;
                        entry.2 = entry.2.max(published);
                    }
                    None => found.push((process, 1, published)),
                }
            }
        }
        let activity = |p: &Process| p.last_step().map(|s| s.date.clone()).unwrap_or_default();
        found.sort_by(|a, b| activity(&b.0).cmp(&activity(&a.0)).then(b.2.cmp(&a.2)));
        Ok(found)
    }

    /// The articles whose processes changed stage at or after `since` (alerts).
    pub fn articles_with_stage_changes(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<i64>, StoreError> {
        let changed: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM dip_processes WHERE stage_changed_at >= ?1")?
            .query_map([since.timestamp()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if changed.is_empty() {
            return Ok(Vec::new());
        }
        let candidates: Vec<i64> = self
            .conn
            .prepare_cached("SELECT DISTINCT article_id FROM article_refs")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for id in candidates {
            if self
                .processes_of(ArticleId(id))?
                .iter()
                .any(|p| changed.contains(&p.id))
            {
                out.push(id);
            }
        }
        Ok(out)
    }
}
