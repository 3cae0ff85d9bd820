//! The cache file: creation, migrations, damage, side files.

use super::*;

/// What the migrations after 10 added, taken out again: a cache of an older schema, to be
/// upgraded by the test (the next migration adds its undoing here).
const UNDO_10_TO_LATEST: &str = "DROP TABLE article_versions;
     DROP INDEX articles_by_changed;
     ALTER TABLE articles DROP COLUMN changed_at;
     ALTER TABLE articles DROP COLUMN left_feed_at;
     ALTER TABLE articles DROP COLUMN gone_at;
     DROP TABLE article_refs;
     DROP TABLE dip_documents;
     DROP TABLE dip_processes;";
#[test]
fn open_on_disk_creates_private_files_and_rejects_garbage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    drop(Store::open(&data).expect("open"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&data.join(DB_FILE)), 0o600);
    }
    let junk = dir.path().join("junk");
    std::fs::create_dir(&junk).expect("dir");
    std::fs::write(junk.join(DB_FILE), vec![0x42u8; 8192]).expect("write junk");
    let err = Store::open(&junk).err().expect("garbage must fail");
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn migration_2_moves_an_existing_index_to_search_keys() {
    let mut conn = rusqlite::Connection::open_in_memory().expect("conn");
    conn.execute_batch(schema::MIGRATIONS[0]).expect("v1");
    conn.pragma_update(None, "user_version", 1)
        .expect("version");
    conn.execute_batch(
        "INSERT INTO feeds (id, url, name) VALUES (1, 'https://www.bmi.bund.de/feed.xml', 'BMI');
         INSERT INTO articles (id, feed_id, key, title, published, first_seen, summary, content_hash)
             VALUES (7, 1, 'k', 'Katastrophenschutz stärken', 1639648800, 1639648800, 'Teaser', 1);
         INSERT INTO article_bodies (article_id, text) VALUES (7, 'Volltext über Warnsysteme');
         INSERT INTO article_search (rowid, title, topics, summary, body)
             VALUES (7, 'Katastrophenschutz stärken', '', 'Teaser', 'Volltext über Warnsysteme');",
    )
    .expect("v1 data");
    schema::migrate(&mut conn).expect("migrate");
    schema::create_temp_tables(&conn).expect("temp");
    scan::register(&conn).expect("scan");
    let store = Store {
        conn,
        retention: Retention::default(),
        ministries: Ministries::default(),
    };
    assert_eq!(titles(&store, "warnsystem"), ["Katastrophenschutz stärken"]);
    assert_eq!(
        titles(&store, "schutz since:16.12.2021"),
        ["Katastrophenschutz stärken"]
    );
    let key: i64 = store
        .conn
        .query_row("SELECT search_key FROM articles WHERE id = 7", [], |r| {
            r.get(0)
        })
        .expect("key");
    assert_eq!(key, schema::search_key(1_639_648_800, 7));
}

#[test]
fn migration_5_gives_recent_articles_their_title_hashes_so_new_copies_join_them() {
    let mut conn = rusqlite::Connection::open_in_memory().expect("conn");
    for sql in &schema::MIGRATIONS[..3] {
        conn.execute_batch(sql).expect("v1..v3");
    }
    conn.pragma_update(None, "user_version", 3)
        .expect("version");
    let recent = Utc::now().timestamp() - 3600;
    conn.execute(
        "INSERT INTO feeds (id, url, name, ministry) VALUES (1, ?1, 'BMI Presse', 'BMI'), (2, ?2, 'BMAS', 'BMAS');
         ",
        rusqlite::params![BMI, BMAS],
    )
    .expect("feeds");
    conn.execute_batch(&format!(
        "INSERT INTO articles (id, feed_id, key, title, published, first_seen, summary, content_hash, search_key)
             VALUES (1, 1, 'a', 'Sozialstaat schützen und Missbrauch verhindern: Aktionsplan', {recent}, {recent}, 'Kurz', 1, 1),
                    (2, 1, 'b', 'Ein Titel von vor Jahren', 1639648800, 1639648800, 'Kurz', 1, 2);"
    ))
    .expect("v3 data");
    schema::migrate(&mut conn).expect("migrate");
    schema::create_temp_tables(&conn).expect("temp");
    let keys: Vec<Option<i64>> = conn
        .prepare("SELECT title_hash FROM articles ORDER BY id")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("keys");
    assert_eq!(
        keys,
        [
            crate::store::groups::title_hash("Sozialstaat schützen und Missbrauch verhindern"),
            None
        ],
        "only recent rows are rewritten"
    );
    // The same release from another feed now joins it.
    let mut store = Store {
        conn,
        retention: Retention::default(),
        ministries: Ministries::default(),
    };
    let copy = NewArticle {
        published: Utc.timestamp_opt(recent + 60, 0).single(),
        summary: "Kurz".into(),
        ..article(
            "c",
            "Sozialstaat schützen und Missbrauch verhindern: Aktionsplan",
            1,
            &[],
        )
    };
    store
        .store_articles(BMAS, &[copy], &Validators::default(), Utc::now())
        .expect("store");
    let rows = store.page_rows(&ArticleQuery::default()).expect("list");
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert_eq!(rows[0].also_in, ["BMAS"]);
}

#[test]
fn an_old_cache_with_articles_announces_its_index_rebuild_once() {
    let dir = tempfile::tempdir().expect("dir");
    assert_eq!(
        Store::slow_upgrade_pending(dir.path()),
        None,
        "no cache yet"
    );
    {
        let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).expect("conn");
        conn.execute_batch(schema::MIGRATIONS[0]).expect("v1");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        conn.execute_batch(
            "INSERT INTO feeds (id, url, name) VALUES (1, 'https://x.example/feed', 'X');
             INSERT INTO articles (id, feed_id, key, title, published, first_seen, content_hash)
                 VALUES (1, 1, 'k', 'Titel', 0, 0, 1);",
        )
        .expect("data");
    }
    assert_eq!(Store::slow_upgrade_pending(dir.path()), Some(1));
    let store = Store::open(dir.path()).expect("migrates");
    assert_eq!(titles(&store, "titel"), ["Titel"]);
    drop(store);
    assert_eq!(Store::slow_upgrade_pending(dir.path()), None, "done");
    // Caches before the keyed index (9) rebuild it too; later migrations are quick.
    rusqlite::Connection::open(dir.path().join(DB_FILE))
        .and_then(|c| c.pragma_update(None, "user_version", 8))
        .expect("version 8");
    assert_eq!(Store::slow_upgrade_pending(dir.path()), Some(1), "8 to 9");
    rusqlite::Connection::open(dir.path().join(DB_FILE))
        .and_then(|c| c.pragma_update(None, "user_version", schema::MIGRATIONS.len() as i64))
        .expect("newest version");
    assert_eq!(Store::slow_upgrade_pending(dir.path()), None, "the newest");
}

#[cfg(unix)]
#[test]
fn read_only_side_files_of_a_writable_cache_are_made_writable_again() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    drop(Store::open(dir.path()).expect("open"));
    let db = dir.path().join(DB_FILE);
    let shm = dir.path().join(format!("{DB_FILE}-shm"));
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    std::fs::write(&shm, b"").expect("shm");
    std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o400)).expect("chmod");
    // While the cache itself is read-only, its side files are left as they are.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).expect("chmod");
    super::repair_side_file_modes(&db);
    assert_eq!(mode(&shm), 0o400);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    super::repair_side_file_modes(&db);
    assert_eq!(mode(&shm), 0o600);
    // A side file that is writable already is left as it is.
    std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    super::repair_side_file_modes(&db);
    assert_eq!(mode(&shm), 0o640);
}

#[test]
fn a_cache_that_cannot_be_written_is_read_and_writes_say_why() {
    let dir = tempfile::tempdir().expect("dir");
    {
        let mut store = Store::open(dir.path()).expect("open");
        store
            .sync_feeds(&[feed("BMI Presse", "BMI", BMI)])
            .expect("sync");
        store
            .store_articles(
                BMI,
                &[article("a", "Neue Fahrzeuge für das THW", 16, &[])],
                &Validators::default(),
                now(),
            )
            .expect("store");
    }
    // Closed: no side files are left, as on a medium that was copied and mounted read-only.
    assert!(!dir.path().join(format!("{DB_FILE}-wal")).exists());
    let mut store = Store::open_read_only(dir.path()).expect("read-only");
    assert!(store.is_read_only());
    assert_eq!(titles(&store, "fahrzeuge"), ["Neue Fahrzeuge für das THW"]);
    let id = id_of(&store, "Fahrzeuge");
    assert!(store.article(id).expect("article").is_some());
    // A write changes nothing and says why, without calling the cache damaged.
    let error = store.set_read(&[id], true).expect_err("read-only");
    assert!(!error.is_damage());
    assert!(
        error.to_string().contains("can only be read here"),
        "{error}"
    );
    assert!(
        !store
            .article(id)
            .expect("article")
            .expect("there")
            .summary
            .read
    );
    // A cache that would need an upgrade cannot be read without writing it.
    drop(store);
    rusqlite::Connection::open(dir.path().join(DB_FILE))
        .and_then(|c| c.pragma_update(None, "user_version", 5))
        .expect("version 5");
    assert!(Store::open_read_only(dir.path()).is_err());
    // On a read-only medium no permission helps: no chmod advice.
    let medium = StoreError::NotWritable {
        path: "x".into(),
        source: std::io::ErrorKind::ReadOnlyFilesystem.into(),
    };
    assert!(
        medium.to_string().contains("read-only file system"),
        "{medium}"
    );
    assert!(!medium.to_string().contains("chmod"), "{medium}");
    assert!(!medium.in_language(crate::i18n::Lang::De).contains("chmod"));
    let permission = StoreError::NotWritable {
        path: "x".into(),
        source: std::io::ErrorKind::PermissionDenied.into(),
    };
    assert!(permission.to_string().contains("chmod u+w"), "{permission}");
}

#[test]
fn stored_kinds_with_their_number_are_split_on_upgrade() {
    let dir = tempfile::tempdir().expect("dir");
    {
        let mut store = Store::open(dir.path()).expect("open");
        store
            .sync_feeds(&[feed("BMI Presse", "BMI", BMI)])
            .expect("sync");
        store
            .store_articles(
                BMI,
                &[article("a", "Meldung", 16, &[])],
                &Validators::default(),
                now(),
            )
            .expect("store");
        // As schema 7 kept it: type and number in one.
        store
            .conn
            .execute_batch(&format!(
                "UPDATE articles SET kind = 'Pressemitteilung 6/2022';
                 ALTER TABLE articles DROP COLUMN kind_number;
                 {UNDO_10_TO_LATEST}
                 PRAGMA user_version = 7;"
            ))
            .expect("old cache");
    }
    let store = Store::open(dir.path()).expect("upgrade");
    let a = &store.page_rows(&ArticleQuery::default()).expect("list")[0];
    assert_eq!(
        (a.kind.as_deref(), a.number.as_deref()),
        (Some("Pressemitteilung"), Some("6/2022"))
    );
}

#[test]
fn a_cache_in_a_folder_with_uri_characters_opens_for_reading() {
    let root = tempfile::tempdir().expect("dir");
    let dir = root.path().join("Presse?x=1#Teil 100%");
    drop(Store::open(&dir).expect("open"));
    let store = Store::open_read_only(&dir).expect("read-only");
    assert!(store.is_read_only());
    assert!(store.feed_statuses().expect("statuses").is_empty());
}

#[test]
fn only_damage_counts_as_damage() {
    let busy = StoreError::Busy { path: "x".into() };
    assert!(!busy.is_damage());
    let locked = StoreError::Sqlite {
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        ),
    };
    assert!(!locked.is_damage());
    assert!(
        locked.to_string().contains("another amtsfeed is writing"),
        "{locked}"
    );
    let corrupt = StoreError::Sqlite {
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            None,
        ),
    };
    assert!(corrupt.is_damage());
    let opened_corrupt = StoreError::Corrupt {
        path: "x".into(),
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
            None,
        ),
    };
    assert!(opened_corrupt.is_damage());
}

#[test]
fn vacuum_gives_deleted_space_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    store
        .sync_feeds(&[feed("BMI Presse", "BMI", BMI)])
        .expect("sync");
    let many: Vec<NewArticle> = (0..2000)
        .map(|i| NewArticle {
            summary: format!(
                "Meldung {i}: {}",
                "Katastrophenschutz und Verwaltung ".repeat(20)
            ),
            ..article(
                &format!("k{i}"),
                &format!("Meldung {i}"),
                1 + (i % 3) as u32,
                &[],
            )
        })
        .collect();
    store
        .store_articles(BMI, &many, &Validators::default(), now())
        .expect("store");
    let db = dir.path().join(DB_FILE);
    let on_disk = || {
        ["", "-wal"]
            .iter()
            .map(|s| std::fs::metadata(format!("{}{s}", db.display())).map_or(0, |m| m.len()))
            .sum::<u64>()
    };
    store.set_retention(Retention::new(None, Some(10)));
    assert!(store.apply_retention(now()).expect("retention") > 1900);
    let before = on_disk();
    store.vacuum().expect("vacuum");
    assert!(on_disk() * 4 < before, "{before} -> {}", on_disk());
    let free: i64 = store
        .conn
        .query_row("PRAGMA freelist_count", [], |r| r.get(0))
        .expect("freelist");
    assert_eq!(free, 0);
    assert_eq!(titles(&store, "Meldung").len(), 10);
}

#[test]
fn reasons_stored_as_english_words_are_read_back_as_typed_reasons() {
    let dir = tempfile::tempdir().expect("dir");
    {
        let mut store = Store::open(dir.path()).expect("open");
        store
            .sync_feeds(&[feed("BMI Presse", "BMI", BMI)])
            .expect("sync");
        store
            .store_articles(
                BMI,
                &[article("a", "Meldung", 16, &[])],
                &Validators::default(),
                now(),
            )
            .expect("store");
        // As schema 9 kept them: English words.
        store
            .conn
            .execute_batch(&format!(
                "UPDATE feeds SET last_error = 'no connection to www.bmi.bund.de: the name does not resolve (offline?)';
                 UPDATE articles SET page_status = 'no article text found on the page';
                 {UNDO_10_TO_LATEST}
                 PRAGMA user_version = 9;"
            ))
            .expect("old cache");
    }
    let store = Store::open(dir.path()).expect("upgrade");
    let status = &store.feed_statuses().expect("feeds")[0];
    let reason = status.last_error.as_ref().expect("an error");
    assert_eq!(
        crate::i18n::Lang::De.reason(reason),
        "keine Verbindung zu www.bmi.bund.de: Name nicht auflösbar (offline?)"
    );
    let id = store.page_rows(&ArticleQuery::default()).expect("list")[0].id;
    let article = store.article(id).expect("article").expect("there");
    assert_eq!(
        article.teaser_reason(true),
        Some(crate::model::TeaserReason::PageUnusable(
            crate::model::Reason::NoArticleText
        ))
    );
}
