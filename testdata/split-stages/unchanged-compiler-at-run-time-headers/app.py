import subprocess
open("/tmp/a.c","w").write("int main(){return 0;}")
print(subprocess.run(["gcc","/tmp/a.c","-o","/tmp/a"]).returncode)
