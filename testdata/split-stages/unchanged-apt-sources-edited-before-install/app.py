import subprocess; print(subprocess.run(["unrar"], capture_output=True, text=True).stdout.splitlines()[1])
