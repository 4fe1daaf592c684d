FROM ruby:3.3
RUN gem install --no-document bundler \
    && gem install rails --no-document
