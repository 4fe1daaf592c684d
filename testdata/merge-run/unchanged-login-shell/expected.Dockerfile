FROM continuumio/miniconda3:24.1.2-0
SHELL ["/bin/bash", "--login", "-c"]
RUN conda activate base
RUN python --version > /v
