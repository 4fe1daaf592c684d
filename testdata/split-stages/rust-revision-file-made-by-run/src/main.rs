fn main() {
    match std::fs::read_to_string("REVISION") {
        Ok(s) => println!("revision={}", s.trim()),
        Err(e) => { println!("ERR REVISION: {}", e); std::process::exit(1) }
    }
}
