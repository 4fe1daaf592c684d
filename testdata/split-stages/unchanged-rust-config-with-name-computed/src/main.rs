use clap::Parser;
#[derive(Parser)] struct Cli { #[arg(long)] config: String }
fn main() {
  let cli = Cli::parse();
  let s = config::Config::builder().add_source(config::File::with_name(&cli.config)).build().unwrap();
  println!("{:?}", s.get_string("greeting"));
}
