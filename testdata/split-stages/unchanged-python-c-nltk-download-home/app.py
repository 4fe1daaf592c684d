import nltk
print(nltk.data.find("tokenizers/punkt"))
