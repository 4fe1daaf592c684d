use std::fs::OpenOptions;
use std::io::Write;

fn main() {
    let mut log = OpenOptions::new().create(true).append(true).open("data/notes.log").unwrap();
    writeln!(log, "started").unwrap();
}
