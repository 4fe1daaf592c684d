fn main() { println!("serving"); }
