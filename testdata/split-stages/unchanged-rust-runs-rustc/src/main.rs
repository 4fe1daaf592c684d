use std::process::Command;
fn main() { let o = Command::new("rustc").arg("--version").output(); println!("{:?}", o.map(|x| String::from_utf8_lossy(&x.stdout).to_string())); }
