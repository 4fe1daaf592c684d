fn main() {
    let body = reqwest::blocking::get("https://example.com").unwrap().text().unwrap();
    println!("{}", body.len());
}
