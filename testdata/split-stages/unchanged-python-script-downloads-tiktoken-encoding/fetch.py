import tiktoken

# Bake the encoding into the image: tiktoken caches it in $TMPDIR/data-gym-cache.
tiktoken.get_encoding("cl100k_base")
