//! Files and folders that only their owner may read: the data dir (0700), the cache, the log
//! and config edits (0600). Whichever part of amtsfeed creates one first creates it private.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `dir` and its missing parents, mode 0700 (an existing dir is left as it is).
pub fn create_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Options that create a missing file with mode 0600.
pub fn options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Opens `path` for appending, creating it 0600.
pub fn open_append(path: &Path) -> io::Result<File> {
    options().create(true).append(true).open(path)
}

/// Creates `path` 0600 if it is missing, leaving its content as it is.
pub fn touch(path: &Path) -> io::Result<()> {
    options()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map(drop)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn new_dirs_and_files_are_private() {
        let root = tempfile::tempdir().expect("dir");
        let dir = root.path().join("a").join("b");
        create_dir(&dir).expect("create");
        assert_eq!(mode(&dir), 0o700);
        let log = dir.join("x.log");
        open_append(&log).expect("open");
        assert_eq!(mode(&log), 0o600);
        let db = dir.join("x.db");
        touch(&db).expect("touch");
        assert_eq!(mode(&db), 0o600);
    }
}
