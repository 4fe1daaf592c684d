FROM ruby:3.3
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle config set --local without development && bundle install
COPY . .
CMD ["ruby", "app.rb"]
