use std::process::Command;
fn main() { let o = Command::new("sh").arg("scripts/migrate.sh").output().unwrap(); println!("{}", String::from_utf8_lossy(&o.stdout)); }
