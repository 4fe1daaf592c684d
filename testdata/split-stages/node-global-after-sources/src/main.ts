import "@nestjs/core";
