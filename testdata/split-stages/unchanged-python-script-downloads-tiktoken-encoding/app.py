import tiktoken

print(len(tiktoken.get_encoding("cl100k_base").encode("hello world")))
