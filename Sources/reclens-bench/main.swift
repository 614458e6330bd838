import RecApp

print("reclens-bench")
