{"targets":[{"target_name":"hello","sources":["src/hello.c"]}]}
