extern "C" { static xmlParserVersion: *const std::os::raw::c_char; }
fn main() { unsafe { println!("{:?}", std::ffi::CStr::from_ptr(xmlParserVersion)); } }
