import greet

greet.main()
