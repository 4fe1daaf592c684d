declare const require: any, process: any, __dirname: string;
