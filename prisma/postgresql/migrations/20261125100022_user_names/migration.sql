-- CreateTable
CREATE TABLE "UserName" (
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserName_pkey" PRIMARY KEY ("userId")
);

