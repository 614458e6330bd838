import RecApp

BLASCoreSelection.restartIfMisdetected()
RecLensCommand.main()
