fn main() { println!("hi from app"); }
