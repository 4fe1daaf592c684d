import { Module } from "@nestjs/common";
import { AppController } from "./app.controller";
import { GreetingService } from "./greeting.service";

@Module({ controllers: [AppController], providers: [GreetingService] })
export class AppModule {}
