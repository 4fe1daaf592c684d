FROM postgres:16
RUN service postgresql start && su postgres -c "createdb app"
RUN service postgresql start && su postgres -c "psql -d app -c 'create table t (id int)'"
