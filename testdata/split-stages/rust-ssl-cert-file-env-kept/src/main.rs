fn main() { println!("{:?}", std::env::var("SSL_CERT_FILE")); }
