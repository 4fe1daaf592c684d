import greetpkg; greetpkg.main()
