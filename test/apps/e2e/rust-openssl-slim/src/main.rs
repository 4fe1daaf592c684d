// Links the system's OpenSSL (openssl-sys) and loads the CA certificates it verifies TLS peers with.
use openssl::ssl::{SslConnector, SslMethod};
use openssl::x509::X509;

fn main() {
    println!("{}", openssl::version::version());
    let connector = SslConnector::builder(SslMethod::tls()).expect("TLS connector");
    drop(connector);
    let pem = std::fs::read("/etc/ssl/certs/ca-certificates.crt").expect("CA bundle");
    let roots = X509::stack_from_pem(&pem).expect("PEM");
    // Whether they load, not how many: the docker farm's stand-in images add their own CA to the bundle.
    println!("CA roots loaded: {}", !roots.is_empty());
}
