FROM python:3.11
WORKDIR /app
COPY . .
RUN python -c "import sys; open(sys.argv[1], 'w').write('x')" /etc/tool.conf
CMD ["python", "app.py"]
