console.log(require('mylib'))
