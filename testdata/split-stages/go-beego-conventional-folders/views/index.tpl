<h1>{{.Website}}</h1>
