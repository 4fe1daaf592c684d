fn main() { std::fs::write("data/seed.db", b"x").unwrap(); }
