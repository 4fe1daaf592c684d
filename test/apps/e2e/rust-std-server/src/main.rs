// A std-only HTTP server: answers every GET with a file of static/ read at run time.
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

fn main() {
    let listener = TcpListener::bind("0.0.0.0:8080").expect("bind 8080");
    for stream in listener.incoming() {
        let mut stream = match stream {
            Ok(s) => s,
            Err(_) => continue,
        };
        let mut line = String::new();
        let _ = BufReader::new(&stream).read_line(&mut line);
        let name = if line.contains("GET /hello ") { "hello.txt" } else { "index.html" };
        let (status, body) = match fs::read_to_string(format!("static/{}", name)) {
            Ok(text) => ("200 OK", text),
            Err(err) => ("500 Internal Server Error", format!("{err}\n")),
        };
        let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    }
}
