use std::ffi::CStr;
#[link(name = "xml2")]
extern "C" { static xmlParserVersion: *const std::os::raw::c_char; }
fn main() { unsafe { println!("libxml2 {}", CStr::from_ptr(xmlParserVersion).to_str().unwrap()); } }
