package dev.confidant.jlama.internal.tiny;

/**
 * The fixed English text the tiny model's BPE tokenizer is trained on. Written for this project; changing a
 * single character changes the vocabulary, so bump {@link TinyModelGenerator#CONTENT_VERSION} with it.
 */
final class TrainingText {

  static final String TEXT = """
      Once upon a time there was a little robot called Pip. Pip lived in a small house at the end of a long \
      road, next to a garden full of flowers. Every morning Pip opened the window, looked at the sky and said \
      hello to the birds. The birds sang back, and Pip was happy.
      One day a girl named Mia came to the garden. She was looking for her cat. The cat was black and white \
      and very fast. Pip wanted to help her. They looked under the tree, behind the wall and inside the old \
      boat by the river. At last they found the cat asleep in a box of warm sand. Mia laughed and thanked Pip. \
      From that day on they were good friends, and they played in the garden every afternoon.
      The next day it was raining. Mia and Pip sat by the window and told each other stories. Mia told a story \
      about a brave dog who could talk. Pip told a story about a star that fell into the sea and became a \
      shining fish. When the rain stopped, they went outside to jump in the water on the road. The sun came \
      out and the sky was blue again.
      A question is a good way to start a conversation. What is your name? Where do you live? What do you like \
      to do when the weather is nice? Thank you for asking. I like to read books, to walk in the park and to \
      talk with my friends. Please tell me more about your day. I would be glad to help you with your work.
      A chat engine answers questions. It reads the messages of the user, thinks about them, and writes a \
      reply. A good reply is short, clear and kind. When the engine does not know the answer, it says so. \
      It never shares private data, such as names, phone numbers or addresses, with people who should not \
      see them. The engine can search a collection of documents to find the facts it needs, and it can call \
      tools to look up the time, the weather or the price of a train ticket.
      The model in this engine is very small. It has only a few thousand numbers in each layer, and they were \
      chosen at random, so its answers do not mean anything. It is here to test the engine: to check that the \
      words come out one by one, that the stream can be stopped, and that the same seed gives the same text \
      every time. A real model is much larger and has learned from many books.
      In the evening Pip and Mia sat on the grass and looked at the stars. There were many of them, and some \
      were brighter than others. Mia asked how far away the stars were. Pip did not know, but he said that \
      they were very, very far, farther than the river, the road and the town together. Then the moon came \
      up over the hill, round and white, and it was time to go home. Good night, said Mia. Good night, said \
      Pip, and he went back into his little house at the end of the long road.
      The town had a market on Saturday. People sold apples, bread, cheese, honey and fresh fish. There was \
      music in the square, and children danced around the fountain. Pip bought a red apple and gave it to \
      Mia. She gave him a yellow flower in return. They walked home together, talking about the things they \
      had seen, and they planned to come back the next week with a basket for the bread.
      Numbers are useful too: one, two, three, four, five, six, seven, eight, nine and ten. The train leaves \
      at nine in the morning and comes back at six in the evening. A ticket costs four coins for a child and \
      eight coins for a grown up. Mia counted her coins twice, to be sure that she had enough.
      """;

  private TrainingText() {}
}
