import { NestFactory } from "@nestjs/core";
import { AppModule } from "./app.module";
NestFactory.create(AppModule).then((a) => a.listen(3000));
