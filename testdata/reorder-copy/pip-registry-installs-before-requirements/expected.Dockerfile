FROM python:3.11-slim
WORKDIR /app/
COPY requirements.txt ./
RUN pip install --upgrade pip
RUN pip install --no-cache-dir meson-python pybind11
RUN pip install --no-cache-dir contourpy -U --no-build-isolation
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8000"]
