import RecApp

RecLensCommand.main()
