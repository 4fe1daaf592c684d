import greeter_pb2

print(greeter_pb2.Rep(text="hello").text)
