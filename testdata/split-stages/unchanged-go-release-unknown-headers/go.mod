module example.com/yamlver

go 1.22
