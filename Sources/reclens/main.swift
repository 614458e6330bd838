import RecApp

await RecLensCommand.main()
