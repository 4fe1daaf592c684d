from tensorflow.keras.applications import ResNet50

ResNet50(weights="imagenet")
