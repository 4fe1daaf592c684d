FROM python:3.11-bookworm AS build
RUN useradd --create-home app
USER app
WORKDIR /home/app/src
COPY --chown=app greet ./greet
RUN pip install --no-index --no-build-isolation --user ./greet
COPY main.py .

FROM python:3.11-slim-bookworm AS runtime
RUN useradd --create-home app
USER app
WORKDIR /home/app/src
COPY --from=build --chown=app /home/app/.local /home/app/.local
COPY --from=build /home/app/src /home/app/src
CMD ["sh", "-c", "python main.py && ~/.local/bin/greet && id -un && touch ~/ok && ls -ld ~/.local ~"]
