package main

import (
	"flag"
	"fmt"

	"github.com/spf13/viper"
)

func main() {
	name := flag.String("config", "app", "config name")
	flag.Parse()
	viper.SetConfigName(*name)
	viper.AddConfigPath("conf")
	fmt.Println(viper.ReadInConfig(), viper.GetString("greeting"))
}
