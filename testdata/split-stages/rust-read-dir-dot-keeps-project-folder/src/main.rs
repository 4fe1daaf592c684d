fn main() { for e in std::fs::read_dir(".").unwrap() { println!("{:?}", e.unwrap().file_name()); } }
