fn main() { println!("cargo:rustc-link-lib=xml2"); }
