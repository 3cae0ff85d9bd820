//! `amtsfeed sources`: the catalogue of federal sources, by group, with how sure each address
//! is and whether the config has it.

use std::io::Write;

use anyhow::Result;

use super::{Exit, Settings, SourcesFormat};
use crate::config::catalogue::{self, CatalogueEntry};
use crate::i18n::Lang;
use crate::text::fit;

/// Whether the config has the source (by its URL).
fn configured(settings: &Settings, entry: &CatalogueEntry) -> bool {
    settings
        .loaded
        .config
        .feeds
        .iter()
        .any(|f| f.url == entry.url)
}

/// The entries of `group` (a group's name or an authority's short name, any case), or all.
fn chosen<'a>(group: Option<&str>) -> Vec<&'a CatalogueEntry> {
    catalogue::catalogue()
        .iter()
        .filter(|e| {
            group.is_none_or(|g| {
                e.group.eq_ignore_ascii_case(g.trim())
                    || e.ministry
                        .as_deref()
                        .is_some_and(|m| m.eq_ignore_ascii_case(g.trim()))
            })
        })
        .collect()
}

pub fn print(
    settings: &Settings,
    group: Option<&str>,
    format: SourcesFormat,
    out: &mut impl Write,
) -> Result<Exit> {
    let entries = chosen(group);
    if entries.is_empty() {
        // The group names are the catalogue's own (German) names, quoted as names.
        let groups: Vec<String> = {
            let mut g: Vec<String> = catalogue::catalogue()
                .iter()
                .map(|e| format!("'{}'", e.group))
                .collect();
            g.dedup();
            g
        };
        return Err(super::Problem::NoSourceGroup {
            asked: crate::text::sanitize(group.unwrap_or("")).into_owned(),
            groups: groups.join(", "),
        }
        .into());
    }
    match format {
        SourcesFormat::Json => json(settings, &entries, out)?,
        SourcesFormat::Table => table(settings, &entries, out)?,
    }
    Ok(Exit::Success)
}

fn json(settings: &Settings, entries: &[&CatalogueEntry], out: &mut impl Write) -> Result<()> {
    let items: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.id,
                "name": e.name,
                "group": e.group,
                "ministry": e.ministry,
                "url": e.url.as_str(),
                "listing": e.listing,
                "default": e.default,
                "topics": e.topics,
                "evidence": e.evidence,
                "evidence_text": e.evidence.describe(Lang::En),
                "seen": e.seen,
                "via": e.via,
                "via_de": e.via_de,
                "note": e.note,
                "note_de": e.note_de,
                "configured": configured(settings, e),
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)?;
    Ok(())
}

/// By group: `✓ id  name  V 2026-10-02  note`, and what the marks mean at the end.
fn table(settings: &Settings, entries: &[&CatalogueEntry], out: &mut impl Write) -> Result<()> {
    let id_width = entries.iter().map(|e| e.id.len()).max().unwrap_or(2);
    let name_width = entries
        .iter()
        .map(|e| e.name.chars().count())
        .max()
        .unwrap_or(4)
        .min(44);
    let mut group = "";
    for e in entries {
        if e.group != group {
            if !group.is_empty() {
                writeln!(out)?;
            }
            group = &e.group;
            writeln!(out, "{group}")?;
        }
        let mark = if configured(settings, e) { "✓" } else { " " };
        let kind = match (e.listing, settings.lang) {
            (false, _) => "",
            (true, Lang::De) => "[Liste]",
            (true, _) => "[listing]",
        };
        let line = format!(
            "{mark} {:<id_width$}  {:<name_width$}  {:<13}{kind}",
            e.id,
            fit(&e.name, name_width),
            e.evidence_mark(),
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    let t = settings.lang;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        match t {
            Lang::De => "✓ in der Konfiguration · V geprüft (Mitschnitt) · R berichtet (Test Dritter) · C nur im Code gesehen · I erschlossen · [Liste] Presseseite ohne Feed\nHinzufügen: amtsfeed add ID",
            Lang::En | Lang::Neutral => "✓ configured · V verified (capture) · R reported (third-party test) · C seen in code only · I inferred · [listing] press listing page without a feed\nTo add one: amtsfeed add ID",
        }
    )?;
    Ok(())
}
